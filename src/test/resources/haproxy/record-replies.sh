#!/usr/bin/env bash
# Re-records the HAProxy Runtime API replies the parser tests read, from a real haproxy
# (the one on PATH or /usr/sbin/haproxy). Everything listens on 127.0.0.1 or in a temp dir.
#   usage: src/test/resources/haproxy/record-replies.sh
set -euo pipefail
out="$(cd "$(dirname "$0")" && pwd)"
haproxy="$(command -v haproxy || echo /usr/sbin/haproxy)"
tmp="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT

# Two tiny HTTP servers that answer "primary" / "backup".
cat > "$tmp/backend.py" <<'PY'
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        b = sys.argv[2].encode()
        self.send_response(200); self.send_header('Content-Length', str(len(b))); self.end_headers(); self.wfile.write(b)
    def log_message(self, *a): pass
http.server.HTTPServer(('127.0.0.1', int(sys.argv[1])), H).serve_forever()
PY
# One command per connection, read to EOF: the way HaproxyRuntimeClient talks.
cat > "$tmp/cli.py" <<'PY'
import socket, sys
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.sendall((sys.argv[2] + "\n").encode())
out = b''
while True:
    d = s.recv(65536)
    if not d: break
    out += d
sys.stdout.buffer.write(out)
PY
python3 "$tmp/backend.py" 18081 primary & pids+=($!)
python3 "$tmp/backend.py" 18082 backup & pids+=($!)

# The same topology as HaproxyRuntimeClientIT, plus servers that show the other states:
# a tracking server (inherited MAINT/DRAIN), one disabled in the configuration (CMAINT),
# one without checks ("no check") and one whose check fails (DOWN).
cat > "$tmp/haproxy.cfg" <<CFG
global
  stats socket $tmp/admin.sock mode 600 level admin
defaults
  mode http
  timeout connect 1s
  timeout client 5s
  timeout server 5s
frontend fe
  bind 127.0.0.1:18080
  default_backend app
backend app
  server primary 127.0.0.1:18081 check inter 200ms
  server spare 127.0.0.1:18082 check inter 200ms backup
backend zoo
  server leader 127.0.0.1:18081 check inter 200ms
  server follower 127.0.0.1:18082 track zoo/leader
  server parked 127.0.0.1:18082 check inter 200ms disabled
  server unchecked 127.0.0.1:18082
  server dead 127.0.0.1:1 check inter 200ms
CFG
"$haproxy" -f "$tmp/haproxy.cfg" -db >"$tmp/haproxy.log" 2>&1 & pids+=($!)
cli() { python3 "$tmp/cli.py" "$tmp/admin.sock" "$1"; }
for _ in $(seq 50); do [ -S "$tmp/admin.sock" ] && break; sleep 0.1; done
sleep 1.5 # let the checks settle (rise 2 x inter 200ms, fall 3 for "dead")

cli 'show servers state app' > "$out/show-servers-state-ready.txt"
cli 'show stat' > "$out/show-stat.csv"
cli 'set server app/primary state drain' > "$out/set-server-ok.txt"
sleep 0.5
cli 'show servers state app' > "$out/show-servers-state-drained.txt"
cli 'show stat' > "$out/show-stat-drained.csv"
echo "through the frontend while app/primary drains: $(curl -s http://127.0.0.1:18080/)"
cli 'set server app/primary state maint' > /dev/null
sleep 0.5
cli 'show servers state app' > "$out/show-servers-state-maint.txt"
cli 'show stat' > "$out/show-stat-maint.csv"
echo "through the frontend while app/primary is in maint: $(curl -s http://127.0.0.1:18080/)"
cli 'set server app/primary state ready' > /dev/null
cli 'set server app/nosuch state maint' > "$out/set-server-unknown.txt"
cli 'set server nosuch/primary state maint' > "$out/set-server-unknown-backend.txt"
cli 'show servers state nosuch' > "$out/show-servers-state-unknown-backend.txt"

# zoo: drain the leader (follower inherits IDRAIN), then maint it (IMAINT), and take the
# "disabled" server out of maintenance: CMAINT stays set although it is up and serving.
cli 'set server zoo/parked state ready' > /dev/null
cli 'set server zoo/leader state drain' > /dev/null
sleep 0.5
cli 'show servers state zoo' > "$out/show-servers-state-zoo-drained.txt"
cli 'set server zoo/leader state maint' > /dev/null
sleep 0.5
cli 'show servers state zoo' > "$out/show-servers-state-zoo-maint.txt"
cli 'show stat' > "$out/show-stat-zoo-maint.csv"
"$haproxy" -v | sed -n 1p
ls -l "$out"
