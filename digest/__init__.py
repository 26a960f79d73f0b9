"""digest: Vietnamese news in, dated English (or bilingual) briefings out, offline."""

__version__ = "0.1.0"
