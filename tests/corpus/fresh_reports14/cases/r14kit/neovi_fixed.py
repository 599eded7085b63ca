"""neoVI backend after python-can PR #1341: ICSApiError reduces to its five constructor arguments."""
from .can_errors import CanError, CanInitializationError, CanOperationError, ChannelSpec

OFFLINE_DEVICES = {"V20417"}


class ICSApiError(CanError):
    """Indicates an error with the ICS API."""

    ICS_SPY_ERR_CRITICAL = 0x10
    ICS_SPY_ERR_QUESTION = 0x20
    ICS_SPY_ERR_EXCLAMATION = 0x30
    ICS_SPY_ERR_INFORMATION = 0x40

    def __init__(self, error_code: int, description_short: str, description_long: str,
                 severity: int, restart_needed: int):
        super().__init__(f"{description_short}. {description_long}", error_code)
        self.description_short = description_short
        self.description_long = description_long
        self.severity = severity
        self.restart_needed = restart_needed == 1

    def __reduce__(self):
        return type(self), (
            self.error_code,
            self.description_short,
            self.description_long,
            self.severity,
            self.restart_needed,
        )

    @property
    def is_critical(self) -> bool:
        return self.severity == self.ICS_SPY_ERR_CRITICAL


class ICSInitializationError(ICSApiError, CanInitializationError):
    pass


class ICSOperationError(ICSApiError, CanOperationError):
    pass


class NeoViBus:
    def __init__(self, spec: ChannelSpec):
        if spec.serial in OFFLINE_DEVICES:
            raise ICSInitializationError(0xF00, "Device not found", f"no neoVI with serial {spec.serial}",
                                         ICSApiError.ICS_SPY_ERR_CRITICAL, 1)
        self.spec = spec

    def recv_all(self):
        return [f & 0x7FF for f in self.spec.frames]

    def shutdown(self):
        pass
