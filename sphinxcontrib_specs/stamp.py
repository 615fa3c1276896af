"""What the files kept between builds were made with: this package's code and the Sphinx and
docutils it ran with.

``specs-json-entries.pickle`` and ``specs-report-rows.pickle`` (in the doctree folder) hold text
made from inputs the keys describe, not from the code that made it: a file written by another
version of the code (an upgrade, or an edit while developing) is set aside, as a file that is
not ours is. The code is told apart by the size and time of each of its modules and of its
compiled translation catalogs.
"""

from __future__ import annotations

import functools
import hashlib
import os


@functools.cache
def code_stamp() -> str:
    import docutils
    import sphinx

    package = os.path.dirname(__file__)  # noqa: PTH120
    digest = hashlib.sha256()
    # os.walk, not Path.rglob: several times faster, and this runs in every build
    for folder, folders, files in os.walk(package):
        folders.sort()
        where = os.path.relpath(folder, package)  # once a folder: relpath is slow Python
        for name in sorted(files):
            if name.endswith((".py", ".mo")):  # the code, and the catalogs its labels come from
                stat = os.stat(os.path.join(folder, name))  # noqa: PTH116, PTH118
                digest.update(f"{where}/{name} {stat.st_size} {stat.st_mtime_ns}\n".encode())
    code = digest.hexdigest()[:16]
    return f"sphinx-specs code {code}, Sphinx {sphinx.__version__}, docutils {docutils.__version__}"
