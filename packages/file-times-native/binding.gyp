{
  "targets": [
    {
      "target_name": "file_times",
      "sources": ["src/file_times.c"],
      "cflags": ["-Wall", "-Wextra", "-Wno-unused-parameter"]
    }
  ]
}
