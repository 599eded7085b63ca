"""Small stand-in for a few gentoo portage modules used by the report cases."""
