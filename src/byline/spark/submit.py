"""The entry file for ``spark-submit``: the same job as ``byline spark``.

    PYSPARK_PYTHON=.venv/bin/python .venv/bin/spark-submit --master URL \\
        "$(.venv/bin/python -c 'import byline.spark.submit as m; print(m.__file__)')" \\
        INPUT... --output DIR [--partitions N] [--skip STAGES] [--overwrite]

Under ``spark-submit`` the master URL and resources come from spark-submit's
own options; ``python -m byline.spark.submit`` works too (master local[*]).
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from byline.cli import main as cli_main

    args = sys.argv[1:] if argv is None else argv
    return cli_main(["spark", *args])


if __name__ == "__main__":
    sys.exit(main())
