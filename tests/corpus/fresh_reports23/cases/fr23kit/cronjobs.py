"""hermes-like cron jobs: a job runs an agent prompt in a profile and returns its transcript."""
import dataclasses
import os


@dataclasses.dataclass(frozen=True)
class CronJob:
    job_id: str
    profile: str
    prompt: str
    repeat: int = 1


def run_job(job, home):
    """Run the job in the profile's home (what the scheduler does); the output can be large."""
    os.environ["HERMES_HOME"] = os.path.join(home, job.profile)
    lines = [f"[{job.job_id}] step {i}: {job.prompt} -> ok" for i in range(job.repeat)]
    output = "\n".join(lines)
    return {"job_id": job.job_id, "success": True, "output": output,
            "final_response": output[-2000:]}
