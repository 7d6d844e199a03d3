"""The operator's two surfaces over one command layer: ``operations`` (what each admin
operation does, shared by the admin HTTP routes and the command line) and ``zenhire admin``
(``cli``, with its options in ``options``, ``client_options`` and ``arguments``)."""
