"""API errors in the style of linode-python's ApiError."""


class ApiError(Exception):
    def __init__(self, value):
        self.value = value

    def __str__(self):
        return repr(self.value)


class PicklableApiError(Exception):
    def __init__(self, value):
        self.value = value

    def __str__(self):
        return repr(self.value)

    def __reduce__(self):
        return (PicklableApiError, (self.value,))
