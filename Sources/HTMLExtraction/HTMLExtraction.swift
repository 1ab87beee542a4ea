/// Reading HTML pages: the article body and its metadata.
public enum HTMLExtraction {}
