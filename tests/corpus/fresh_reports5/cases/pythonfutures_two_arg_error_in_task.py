# family: results
# hazard: unpicklable-exception
# line: 24
# timeout: 8
# expect: fork=error:TypeError+hang spawn=error:TypeError+hang forkserver=error:TypeError+hang
# note: pythonfutures #30: a task raised a custom exception taking two arguments whose base constructor got one formatted message, so it pickles but cannot be rebuilt in the parent (TypeError on unpickling) and the caller waits forever; here through a multiprocessing Pool (https://github.com/agronholm/pythonfutures/issues/30)
import multiprocessing


class ValidationError(Exception):
    def __init__(self, field, value):
        super().__init__("field %s has invalid value %r" % (field, value))
        self.field = field
        self.value = value


class RecordValidator:
    def __init__(self, schema):
        self.schema = schema

    def validate(self, record):
        for field, kind in self.schema.items():
            if not isinstance(record.get(field), kind):
                raise ValidationError(field, record.get(field))
        return True


SCHEMA = {"id": int, "name": str}


def validate_record(record):
    return RecordValidator(SCHEMA).validate(record)


if __name__ == "__main__":
    records = [{"id": 1, "name": "a"}, {"id": "2", "name": "b"}]
    with multiprocessing.Pool(2) as pool:
        try:
            print("RESULT=%s" % pool.map(validate_record, records))
        except ValidationError as exc:
            print("RESULT=invalid %s" % exc.field)
