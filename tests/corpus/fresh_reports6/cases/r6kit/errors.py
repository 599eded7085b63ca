"""API errors in the style of linode-python's ApiError."""


class ApiError(Exception):
    def __init__(self, value, action):
        self.value = value
        self.action = action
        super().__init__("%s failed: %r" % (action, value))


class PicklableApiError(Exception):
    def __init__(self, value, action):
        self.value = value
        self.action = action
        super().__init__("%s failed: %r" % (action, value))

    def __reduce__(self):
        return (PicklableApiError, (self.value, self.action))
