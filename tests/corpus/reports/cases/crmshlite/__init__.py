"""Small stand-in for crmsh modules used by the crmsh report cases."""
