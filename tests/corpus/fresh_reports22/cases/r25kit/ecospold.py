"""An ecospold2 extractor in the shape of bw2io's Ecospold2DataExtractor.extract(use_mp=...)."""
import multiprocessing


class MultiprocessingError(Exception):
    pass


def extract_activity(dirpath, filename, db_name):
    # Stand-in for parsing one XML dataset: name and exchange count from the file name.
    stem = filename.rsplit(".", 1)[0]
    return {"database": db_name, "name": stem, "exchanges": len(stem)}


class Ecospold2DataExtractor:
    @classmethod
    def extract(cls, dirpath, filelist, db_name, use_mp=True):
        if use_mp:
            try:
                with multiprocessing.Pool(processes=2) as pool:
                    results = [
                        pool.apply_async(cls_extract, (dirpath, x, db_name))
                        for x in filelist
                    ]
                    data = [p.get() for p in results]
            except Exception as e:
                raise MultiprocessingError(
                    "Multiprocessing error; re-run using `use_mp=False`"
                ).with_traceback(e.__traceback__)
        else:
            data = [extract_activity(dirpath, x, db_name) for x in filelist]
        return data


cls_extract = extract_activity


class SingleOutputEcospold2Importer:
    def __init__(self, dirpath, db_name, use_mp=True):
        filelist = [f"activity_{i:03d}.spold" for i in range(6)]
        self.db_name = db_name
        self.data = Ecospold2DataExtractor.extract(dirpath, filelist, db_name, use_mp=use_mp)

    def statistics(self):
        return len(self.data), sum(d["exchanges"] for d in self.data)
