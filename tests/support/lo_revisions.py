"""Accept (or reject) every tracked change of a DOCX in LibreOffice, and save its text.

    /usr/bin/python3 lo_revisions.py IN.docx OUT.txt accept|reject

Starts its own headless soffice (private profile, a free port), drives it over UNO
with the same dispatch Writer's Edit → Track Changes → Accept All uses, and stops it.
"""
import os
import socket
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    src, dst, mode = sys.argv[1], sys.argv[2], sys.argv[3]
    port = free_port()
    profile = tempfile.mkdtemp(prefix="kehoach-lo-")
    office = subprocess.Popen(
        [
            "soffice", "--headless", "--invisible", "--norestore", "--nologo",
            "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
            "--accept=socket,host=127.0.0.1,port=%d;urp;" % port,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        url = "uno:socket,host=127.0.0.1,port=%d;urp;StarOffice.ComponentContext" % port
        for _ in range(300):
            try:
                ctx = resolver.resolve(url)
                break
            except Exception:
                time.sleep(0.2)
        else:
            sys.exit("soffice did not start")
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0,
            (prop("Hidden", True),))
        dispatcher = smgr.createInstanceWithContext(
            "com.sun.star.frame.DispatchHelper", ctx)
        command = {"accept": ".uno:AcceptAllTrackedChanges",
                   "reject": ".uno:RejectAllTrackedChanges"}[mode]
        dispatcher.executeDispatch(
            doc.getCurrentController().getFrame(), command, "", 0, ())
        remaining = doc.getRedlines().createEnumeration().hasMoreElements()
        doc.storeToURL(
            uno.systemPathToFileUrl(os.path.abspath(dst)),
            (prop("FilterName", "Text (encoded)"), prop("FilterOptions", "UTF8,LF")))
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass
        if remaining:
            sys.exit("tracked changes remain after %s all" % mode)
    finally:
        try:
            office.wait(timeout=20)
        except subprocess.TimeoutExpired:
            office.kill()


main()
