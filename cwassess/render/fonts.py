"""The CJK font every PDF cwassess makes uses, and how to install it (shared by WeasyPrint output and the packet's
directly drawn pages; importing this loads nothing else)."""

CJK_FAMILY = "Noto Sans CJK SC"
FONT_PACKAGE = "fonts-noto-cjk"
INSTALL_HINT = f"sudo apt-get install {FONT_PACKAGE}"
