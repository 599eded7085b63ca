"""The BrowserManager function that runs in each browser process (OpenWPM-like)."""
import traceback

from . import socket_server


def deploy_browser(status_queue, browser_params):
    status_queue.put(("STATUS", "Profile Created", "/tmp/profile-%d" % browser_params["crawl_id"]))
    status_queue.put(("STATUS", "Browser Launched", 4242))
    return {"visited": []}


def execute_command(command, driver, extension_socket):
    name, url = command
    if name == "GET":
        driver["visited"].append(url)
        if extension_socket is not None:
            return extension_socket.request(url)["record"]
    return url


def BrowserManager(command_queue, status_queue, browser_params, manager_params):
    """Listens for commands from the TaskManager and executes them; reports status back."""
    extension_socket = None
    try:
        driver = deploy_browser(status_queue, browser_params)
        # Allow socket based communication with extension -- if extension is enabled
        if browser_params["extension_enabled"]:
            extension_socket = socket_server.start(browser_params, manager_params,
                                                   log_output=True, daemon=False)
        status_queue.put(("STATUS", "Browser Ready", "READY"))
        while True:
            command = command_queue.get()
            if command == "SHUTDOWN":
                break
            status_queue.put(("OK", execute_command(command, driver, extension_socket)))
    except AssertionError as e:
        status_queue.put(("CRITICAL", "%s: %s" % (e.__class__.__name__, e)))
    except Exception:
        status_queue.put(("FAILED", traceback.format_exc()))
    finally:
        if extension_socket is not None:
            extension_socket.close()
