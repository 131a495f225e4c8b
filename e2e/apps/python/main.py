import os

import report

report.show()
if "PORT" in os.environ:
    import serve

    print("parent=%s" % serve.parent(), flush=True)
    serve.run(int(os.environ["PORT"]))
