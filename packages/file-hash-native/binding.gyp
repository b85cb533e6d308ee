{
  "targets": [
    {
      "target_name": "file_hash",
      "sources": ["src/file_hash.c"],
      "cflags": ["-Wall", "-Wextra", "-Wno-unused-parameter"]
    }
  ]
}
