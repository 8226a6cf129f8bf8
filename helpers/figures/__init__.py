"""The course's live figures, one module per notebook: each wires sliders (``helpers.live``) to
the math (``helpers.model``, ``helpers.optim``) and the drawing (``helpers.draw``)."""
