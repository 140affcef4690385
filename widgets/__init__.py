"""ipywidgets views over ipo_core; the views arrive in a later issue."""

__all__: list[str] = []
