"""The main window's parts, one responsibility a module: each is a mixin of MainWindow
(ui/main_window.py) and works on the window's own widgets and case file, so the window reads
as a list of what it does rather than one long class."""
