# family: globals
# hazard: none
# line: none
# timeout: 15
# expect: fork=ok spawn=ok forkserver=ok
# note: A working form of the CLI in https://github.com/ageitgey/face_recognition/pull/826 ("Fix 'Global' undefined bug"): the known encodings are still module globals read by the pool's task, but the pool's initializer receives them through initargs and sets them in every worker, so spawned workers see them too.
"""Recognise known people in a folder of images using several processes."""
import multiprocessing

known_names = None
known_face_encodings = None


def scan_known_people(folder):
    return ["alice", "bob"], [(0.1, 0.2), (0.8, 0.9)]


def init_worker(names, encodings):
    global known_names, known_face_encodings
    known_names, known_face_encodings = names, encodings


def test_image(image):
    unknown = image[1]
    for name, enc in zip(known_names, known_face_encodings):
        if abs(enc[0] - unknown[0]) < 0.05:
            return "%s,%s" % (image[0], name)
    return "%s,unknown_person" % image[0]


def main(known_people_folder, images, cpus=2):
    names, encodings = scan_known_people(known_people_folder)
    with multiprocessing.Pool(cpus, initializer=init_worker, initargs=(names, encodings)) as pool:
        return pool.map(test_image, images)


if __name__ == "__main__":
    print("RESULT=%s" % main("known/", [("img1.jpg", (0.11, 0.0)), ("img2.jpg", (0.5, 0.0))]))
