"""ms-identity-python-samples-common with PR #3: the helper asks logging for the named logger."""
import logging


class IdentityWebPython:
    def __init__(self, client_id, authority):
        self.client_id = client_id
        self.authority = authority
        self.logger = logging.getLogger("ms_identity_web")
        self.logger.setLevel(logging.INFO)

    def authority_url(self, tenant):
        self.logger.debug("authority for %s", tenant)
        return "%s/%s" % (self.authority.rstrip("/"), tenant)
