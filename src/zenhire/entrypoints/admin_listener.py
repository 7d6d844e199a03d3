"""Serving with a second listener for the operator surface (``ADMIN_PORT``).

uvicorn serves one address per ``uvicorn.run``, but its server and its worker supervisor both
accept a list of already-bound sockets. So both sockets are bound here, before any worker
starts, and every worker accepts on both; the app tells the listeners apart by the local port
of each connection (``http/surfaces.py``). Works the same with one worker or several.
"""

from __future__ import annotations

import sys
from typing import Any


def run_with_admin_listener(app: Any, *, admin: tuple[str, int], **options: Any) -> None:
    """``uvicorn.run(app, **options)``, also listening on ``admin`` (host, port)."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    config = uvicorn.Config(app, **options)
    admin_host, admin_port = admin
    sockets = [
        config.bind_socket(),
        uvicorn.Config(app, **{**options, "host": admin_host, "port": admin_port}).bind_socket(),
    ]
    server = uvicorn.Server(config)
    try:
        if config.workers > 1:
            Multiprocess(config, sockets=sockets).run()
        else:
            server.run(sockets=sockets)
    except KeyboardInterrupt:
        pass
    finally:
        for sock in sockets:
            sock.close()
    if config.workers == 1 and not server.started:
        sys.exit(1)  # as uvicorn.run: the server never came up
