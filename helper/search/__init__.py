"""Search: encoders (the bundled model's checks in ``model_files``), the embedding cache, the index with its
lexical signals and their fusion (``ranking``), why a session matched (``explain``), filters and the clock."""
