"""Stand-in for chainer.utils.type_check: InvalidType keeps expect and actual."""


class InvalidType(Exception):
    def __init__(self, expect, actual, msg=None):
        if msg is None:
            msg = "Expect: {0}\nActual: {1}".format(expect, actual)
        super(InvalidType, self).__init__(msg)
        self.expect = expect
        self.actual = actual


def expect(condition, expect_text, actual_text):
    if not condition:
        raise InvalidType(expect_text, actual_text)
