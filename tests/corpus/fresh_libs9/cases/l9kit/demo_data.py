"""Instruction-tuning records shared by the LlamaFactory pair."""

RECORDS = [
    {"instruction": "say the word", "output": "the a of"},
    {"instruction": "count to you", "output": "it is for you"},
    {"instruction": "name that", "output": "that and in"},
    {"instruction": "repeat it", "output": "it it it"},
    {"instruction": "a b c", "output": "to the end"},
    {"instruction": "and then", "output": "is that it"},
]
