"""Run a command with stdin and stdout on a pseudo-terminal and answer its prompts.

Usage: answer-in-terminal.py ANSWERS_JSON command [args...]
Each time the output shows one more prompt (a "> " at its end), the next
answer is typed followed by Enter; past the last answer, Ctrl-D (end of
input). Echo is off, so the output holds only what the program wrote.
Prints one JSON object: {"code", "out", "err"} (stderr is a plain pipe).
"""
import json
import os
import pty
import select
import subprocess
import sys
import termios

answers = json.loads(sys.argv[1])
master, slave = pty.openpty()
attrs = termios.tcgetattr(slave)
attrs[3] &= ~termios.ECHO
termios.tcsetattr(slave, termios.TCSANOW, attrs)
child = subprocess.Popen(sys.argv[2:], stdin=slave, stdout=slave, stderr=subprocess.PIPE, close_fds=True)
os.close(slave)
out, err, typed = b'', b'', 0
err_fd = child.stderr.fileno()
open_fds = [master, err_fd]
while open_fds:
    ready, _, _ = select.select(open_fds, [], [])
    for fd in ready:
        try:
            data = os.read(fd, 65536)
        except OSError:  # the terminal is gone once the child has exited
            data = b''
        if not data:
            open_fds.remove(fd)
        elif fd == err_fd:
            err += data
        else:
            out += data
            while out.endswith(b'> ') and out.count(b'> ') > typed:
                os.write(master, (answers[typed] + '\n').encode() if typed < len(answers) else b'\x04')
                typed += 1
code = child.wait()
print(json.dumps({'code': code, 'out': out.decode('utf8', 'replace'), 'err': err.decode('utf8', 'replace')}))
