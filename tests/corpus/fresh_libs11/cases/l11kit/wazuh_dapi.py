"""DistributedAPI as first tried with a ProcessPoolExecutor (wazuh#9060): the request object is sent whole."""
from l11kit import wazuh_rbac


class DistributedAPI:
    def __init__(self, f_name, f_kwargs, logger_name="wazuh-api"):
        self.f_name = f_name
        self.f_kwargs = dict(f_kwargs)
        self.logger_name = logger_name
        # the token signer lives on the request object, as the framework's security context did
        self.signer = wazuh_rbac.load_signer(wazuh_rbac.new_signing_pem())

    def run_local(self):
        data = wazuh_rbac.FUNCTIONS[self.f_name](**self.f_kwargs)
        signature = self.signer.sign(repr(data).encode())
        return {"data": data, "signed": len(signature) == 64}

    def execute_local_request(self, pool):
        future = pool.submit(self.run_local)
        return future.result(timeout=30)
