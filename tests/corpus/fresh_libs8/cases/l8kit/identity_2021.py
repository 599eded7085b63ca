"""ms-identity-python-samples-common before PR #3, reduced: the helper builds its own Logger."""
import logging


class IdentityWebPython:
    def __init__(self, client_id, authority):
        self.client_id = client_id
        self.authority = authority
        # a Logger made with the constructor is not registered with the logging manager,
        # so Logger.__reduce__ refuses it ("logger cannot be pickled")
        self.logger = logging.Logger("ms_identity_web")
        self.logger.setLevel(logging.INFO)

    def authority_url(self, tenant):
        self.logger.debug("authority for %s", tenant)
        return "%s/%s" % (self.authority.rstrip("/"), tenant)
