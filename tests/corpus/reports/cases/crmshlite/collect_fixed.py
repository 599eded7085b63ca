"""Reduced crmsh.report.collect: every collect_* function gathers one piece of the report."""
from crmshlite import sh_fixed as sh


def collect_ha_logs():
    return sh.cluster_shell().get_stdout_or_raise_error(None, "print('pacemaker.log: 12 lines')")


def collect_config():
    return sh.cluster_shell().get_stdout_or_raise_error(None, "print('corosync.conf ok')")


def collect_crm_verify():
    # crm_verify exits non-zero when the CIB has errors (no STONITH device configured)
    cmd = ("import sys; sys.stderr.write('error: Resource start-up disabled since no "
           "STONITH resources have been defined'); sys.exit(1)")
    return sh.cluster_shell().get_stdout_or_raise_error(None, cmd)
