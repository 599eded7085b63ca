# family: globals
# hazard: global-not-inherited
# line: 20 28 33
# timeout: 15
# expect: fork=ok spawn=error:TypeError forkserver=error:TypeError
# note: Shape of the bug fixed by https://github.com/ageitgey/face_recognition/pull/826 ("Fix 'Global' undefined bug"; the maintainer: "It's a bug/limitation in macOS. You have to tell Python to use the forkserver method"): the face_recognition CLI loads the known people's encodings in main() into module globals and maps the image check over a pool whose workers read those globals; spawned (and forkserver) workers re-import the module and see the initial None. Reduced: encodings are tuples.
"""Recognise known people in a folder of images using several processes."""
import multiprocessing

known_names = None
known_face_encodings = None


def scan_known_people(folder):
    return ["alice", "bob"], [(0.1, 0.2), (0.8, 0.9)]


def test_image(image):
    unknown = image[1]
    for name, enc in zip(known_names, known_face_encodings):
        if abs(enc[0] - unknown[0]) < 0.05:
            return "%s,%s" % (image[0], name)
    return "%s,unknown_person" % image[0]


def process_images_in_process_pool(images, number_of_cpus):
    with multiprocessing.Pool(processes=number_of_cpus) as pool:
        return pool.map(test_image, images)


def main(known_people_folder, images, cpus=2):
    global known_names, known_face_encodings
    known_names, known_face_encodings = scan_known_people(known_people_folder)
    return process_images_in_process_pool(images, cpus)


if __name__ == "__main__":
    print("RESULT=%s" % main("known/", [("img1.jpg", (0.11, 0.0)), ("img2.jpg", (0.5, 0.0))]))
