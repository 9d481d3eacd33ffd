/* SPDX-License-Identifier: MIT */
/*
 * measure.c - mirc-bench-measure: run a command several times and print its
 * best wall time and its peak resident set size.
 *
 *	mirc-bench-measure [-r RUNS] [-o OUT] [-e ERR] -- PROGRAM [ARG]...
 *
 * Prints one line: "WALL_SECONDS MAXRSS_KIB STATUS CPU_SECONDS", the
 * smallest wall time of the runs, the largest peak RSS (ru_maxrss from
 * wait4, KiB on Linux), the exit status of the last run (128+N when killed
 * by signal N) and the smallest user+system CPU time.  CPU time is what to
 * look at on a busy machine, where wall time also counts waiting for a CPU.
 * The child's stdin is /dev/null, its stdout OUT and its stderr ERR
 * (both /dev/null by default), so the terminal costs nothing.
 *
 * A small C helper rather than /usr/bin/time: it is not installed on a bare
 * machine, and ru_maxrss after exec also counts the process before the
 * exec, so the parent must be small (a shell or python would not be).
 */
#define _DEFAULT_SOURCE		/* wait4 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct sample {
	double wall, cpu;
	long maxrss;
	int status;
};

static int open_or_die(const char *path, int flags)
{
	int fd = open(path, flags, 0644);

	if (fd < 0) {
		fprintf(stderr, "mirc-bench-measure: %s: %s\n", path,
			strerror(errno));
		exit(3);
	}
	return fd;
}

/* One run: fork, redirect, exec, wait4.  Returns -1 if exec failed. */
static int run_once(char **cmd, const char *out, const char *err,
		    struct sample *s)
{
	struct timespec t0, t1;
	struct rusage ru;
	int st;
	pid_t pid;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid < 0) {
		perror("mirc-bench-measure: fork");
		exit(3);
	}
	if (pid == 0) {
		int in = open_or_die("/dev/null", O_RDONLY);
		int o = open_or_die(out, O_WRONLY | O_CREAT | O_TRUNC);
		int e = open_or_die(err, O_WRONLY | O_CREAT | O_TRUNC);

		dup2(in, 0);
		dup2(o, 1);
		dup2(e, 2);
		execvp(cmd[0], cmd);
		/* As the shell does: 127 is "could not run". */
		_exit(127);
	}
	while (wait4(pid, &st, 0, &ru) < 0) {
		if (errno != EINTR) {
			perror("mirc-bench-measure: wait4");
			exit(3);
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	s->wall = (double)(t1.tv_sec - t0.tv_sec) +
		  (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	s->cpu = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
		 (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
	s->maxrss = ru.ru_maxrss;
	s->status = WIFEXITED(st) ? WEXITSTATUS(st) :
		    WIFSIGNALED(st) ? 128 + WTERMSIG(st) : 255;
	return s->status == 127 ? -1 : 0;
}

static void usage(void)
{
	fputs("usage: mirc-bench-measure [-r RUNS] [-o OUT] [-e ERR] -- "
	      "PROGRAM [ARG]...\n", stderr);
	exit(2);
}

int main(int argc, char **argv)
{
	const char *out = "/dev/null", *err = "/dev/null";
	struct sample best = { 0, 0, 0, 0 };
	int runs = 3, i = 1;

	for (; i < argc && strcmp(argv[i], "--"); i++) {
		if (!strcmp(argv[i], "-r") && i + 1 < argc)
			runs = atoi(argv[++i]);
		else if (!strcmp(argv[i], "-o") && i + 1 < argc)
			out = argv[++i];
		else if (!strcmp(argv[i], "-e") && i + 1 < argc)
			err = argv[++i];
		else
			usage();
	}
	if (i + 1 >= argc || runs < 1)
		usage();

	for (int r = 0; r < runs; r++) {
		struct sample s;

		if (run_once(argv + i + 1, out, err, &s) < 0) {
			fprintf(stderr, "mirc-bench-measure: cannot run %s\n",
				argv[i + 1]);
			return 3;
		}
		if (r == 0 || s.wall < best.wall)
			best.wall = s.wall;
		if (r == 0 || s.cpu < best.cpu)
			best.cpu = s.cpu;
		if (s.maxrss > best.maxrss)
			best.maxrss = s.maxrss;
		best.status = s.status;
	}
	printf("%.6f %ld %d %.6f\n", best.wall, best.maxrss, best.status,
	       best.cpu);
	return 0;
}
