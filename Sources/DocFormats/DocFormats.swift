/// Reading structured files (JSON, JSON Lines, CSV, TSV), compressed files and whole corpora.
public enum DocFormats {}
