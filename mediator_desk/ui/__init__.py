"""The Qt user interface. The only package that imports Qt widgets; it calls services."""
