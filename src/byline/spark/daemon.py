"""Spark's Python daemon with Byline preloaded (``spark.python.daemon.module``).

PySpark starts one daemon per executor and forks every Python worker from it.
Loading the pipeline here, before the first fork, lets each worker start with
spaCy and every stage already in memory (shared copy-on-write), instead of
paying the load in its first partition. Without this daemon (another
``spark.python.daemon.module``, or a failure here) the workers still load the
pipeline lazily, once each: see :func:`byline.spark.worker.analyze_partition`.
"""

from __future__ import annotations


def main() -> None:
    try:
        from byline.spark import worker

        worker.preload()
    except Exception:  # never keep Spark from starting its workers; they load lazily
        pass
    from pyspark.daemon import manager

    manager()


if __name__ == "__main__":
    main()
