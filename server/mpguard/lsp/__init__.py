"""The mpguard language server (pygls 2): `mpguard server`."""
