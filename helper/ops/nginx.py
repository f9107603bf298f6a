"""Debian's nginx in front of the replicas: its configuration, and nginx run as a child process in a folder of ours.

Stickiness: Gradio's queue keeps per-visitor state in the process that served the visitor's page (a session's
events, the event stream, a plain-HTTP call's POST and its GET), so every request of one visitor must reach one
replica. The page's address (``/``) hands a browser a random cookie; its requests are hashed on it, so
browsers spread over the replicas. A caller without the cookie (``gradio_client``, curl, an MCP client) is
hashed on its address, like ``ip_hash``. ``hash ... consistent``: when a replica is down, only its own visitors
move, and nginx tries the next replica for a connection that fails (``proxy_next_upstream``), so a dead replica
fails no new request. A hung replica accepts connections and never answers: nginx cannot tell it from a slow one
(Gradio's event streams stay open for minutes, so no short read timeout), so the supervisor's health check finds
it and kills it, and nginx then tries its requests on the next replica.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path
from typing import Sequence

from helper.errors import HelperError

COOKIE = "helper_replica"
FAIL_SECONDS = 5  # a replica that refused a connection gets no new visitors for this long, then is tried again


class ServeError(HelperError):
    """Serving replicas cannot start (nginx missing, a port taken, a replica that does not come up)."""


def find_nginx() -> str:
    path = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(p, os.X_OK)), "")
    if not path:
        raise ServeError("--replicas needs nginx, which is not installed", "apt-get install nginx (Debian's package), or serve one process without --replicas")
    return path


def listen_address(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def nginx_config(host: str, port: int, upstream_ports: Sequence[int], runtime: Path, down: frozenset[int] = frozenset()) -> str:
    """The whole nginx.conf: one worker, everything it writes inside ``runtime``, the replicas on loopback (those
    in ``down`` out of rotation: their visitors go to the others until they are back)."""
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout={FAIL_SECONDS}s{' down' if p in down else ''};" for p in upstream_ports)
    temp = "\n".join(f"    {kind}_temp_path {runtime / (kind + '_temp')};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = f"user nobody {_nobody_group()};\n" if os.geteuid() == 0 else ""  # only root may (and must) name the workers' user
    return f"""# written by python -m helper serve --replicas; rewritten at every start
{user}worker_processes 1;
worker_shutdown_timeout 10s;  # a reload (a replica out of or back in rotation) ends old workers' streams by then
pid {runtime / 'nginx.pid'};
error_log {runtime / 'error.log'} warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
{temp}
    # a visitor is its cookie (set on the page) or, for callers without it, its address
    map $cookie_{COOKIE} $visitor {{ "" $remote_addr; default $cookie_{COOKIE}; }}
    map $cookie_{COOKIE} $new_visitor {{ "" "{COOKIE}=$request_id; Path=/; HttpOnly; SameSite=Lax"; default ""; }}
    map $http_upgrade $connection_upgrade {{ default upgrade; "" ""; }}
    upstream replicas {{
        hash $visitor consistent;
{servers}
        keepalive 32;
    }}
    server {{
        listen {listen_address(host, port)};
        client_max_body_size 20m;
        proxy_http_version 1.1;
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_set_header Upgrade $http_upgrade;
        proxy_set_header Connection $connection_upgrade;
        proxy_buffering off;  # Gradio streams results as server-sent events
        proxy_read_timeout 1h;
        proxy_connect_timeout 2s;
        # a refused or reset connection (a replica dead, or killed as hung) goes to the next replica, POSTs too:
        # every POST here asks (a search, a queue join, an upload), none changes anything a retry could repeat
        proxy_next_upstream error timeout non_idempotent;
        location = / {{
            add_header Set-Cookie $new_visitor;
            add_header X-Served-By $upstream_addr;  # which replica answered (loopback port): for checks and logs
            proxy_pass http://replicas;
        }}
        location / {{
            add_header X-Served-By $upstream_addr;
            proxy_pass http://replicas;
        }}
    }}
}}
"""


def _nobody_group() -> str:
    import grp

    for name in ("nogroup", "nobody"):  # Debian's, then most others'
        try:
            return grp.getgrnam(name).gr_name
        except KeyError:
            continue
    return "nobody"


class Nginx:
    """nginx for ``nginx_config`` in ``runtime``, in the foreground as our child (``daemon off``)."""

    def __init__(self, runtime: Path, host: str, port: int, upstream_ports: Sequence[int]) -> None:
        self.binary = find_nginx()
        self.runtime = Path(runtime)
        self.runtime.mkdir(parents=True, exist_ok=True)
        self.runtime.chmod(0o755)  # workers run as nobody when we are root: they must reach their temp folders
        self.config = self.runtime / "nginx.conf"
        self._layout = (host, port, tuple(upstream_ports))
        self.down: frozenset[int] = frozenset()
        self.config.write_text(nginx_config(host, port, upstream_ports, self.runtime), encoding="utf-8")
        self.process: subprocess.Popen | None = None

    def set_down(self, down: frozenset[int]) -> None:
        """Take the replicas on these ports out of rotation (and put the others back): rewrite, then reload
        (SIGHUP: new workers read it, old ones finish what they serve)."""
        if down == self.down:
            return
        self.down = down
        host, port, upstream_ports = self._layout
        self.config.write_text(nginx_config(host, port, upstream_ports, self.runtime, down), encoding="utf-8")
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGHUP)

    def command(self, *extra: str) -> list[str]:
        return [self.binary, "-p", str(self.runtime), "-c", str(self.config), *extra]

    def check(self) -> None:
        """``nginx -t``: a bad address or a taken port is one line naming it, before anything starts."""
        done = subprocess.run(self.command("-t", "-q", "-g", "daemon off;"), capture_output=True, text=True, timeout=30)
        if done.returncode != 0:
            last = next((line for line in reversed(done.stderr.splitlines()) if "[emerg]" in line), done.stderr.strip()[-300:])
            raise ServeError(f"nginx refuses its configuration ({last.strip()})", "pick another --port or --host, or see " + str(self.config))

    def start(self, preexec=None) -> subprocess.Popen:
        with (self.runtime / "stderr.log").open("ab") as err:
            self.process = subprocess.Popen(self.command("-g", "daemon off;"), stdout=subprocess.DEVNULL, stderr=err, preexec_fn=preexec)
        return self.process

    def last_error(self) -> str:
        """The last line nginx complained with (its stderr before the error log opens, then the error log)."""
        lines: list[str] = []
        for name in ("stderr.log", "error.log"):
            path = self.runtime / name
            if path.exists():
                lines += [line for line in path.read_text(errors="replace").splitlines() if "[emerg]" in line or "[alert]" in line]
        return lines[-1].strip() if lines else ""
