"""Instruction-behaviour tables of a binja-hexagon-like code generator: the behaviour table
is a module global that the build script fills from the semantics file before generating."""
BEHDICT = {}
ATTRIBDICT = {}


def load_semantics(lines):
    for line in lines:
        tag, _, beh = line.partition(":")
        BEHDICT[tag.strip()] = beh.strip()
        ATTRIBDICT[tag.strip()] = {"A_LOAD"} if "mem" in beh else set()
    return len(BEHDICT)


def gen_lifter(tag):
    """Generate the lifter source for one instruction tag from the global tables."""
    beh = BEHDICT.get(tag)
    if beh is None:
        return tag, None
    kind = "load" if "A_LOAD" in ATTRIBDICT[tag] else "alu"
    return tag, f"void lift_{tag}(ctx) {{ /* {kind} */ {beh}; }}"


SEMANTICS = [
    "A2_add: RdV=RsV+RtV",
    "A2_sub: RdV=RtV-RsV",
    "L2_loadri_io: RdV=mem_load(RsV+siV)",
    "S2_asl_i_r: RdV=RsV<<uiV",
]
