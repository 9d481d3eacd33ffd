#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# .ci/install-deps.sh [build|test|all]... - install the Debian packages mirc
# needs, only those that are missing: `apt-get update` once, then
# `apt-get install` by name.  Shared by .ci/run, tests/run-all.sh and
# samples/demo.sh.  Needs root (uses sudo when not root).
#
#   build  what building mirc and rendering graphs need (the default)
#   test   build + valgrind and clang with its sanitizer/libFuzzer runtimes
#   cross  every target's toolchain and run command packages, read from
#          backends/*/backend.json (toolchain.packages, run.packages)
#   all    all of them
set -euo pipefail

# Why each package:
#   flex, bison        the reentrant scanner and the pure parser
#   libjansson-dev     JSON diagnostics, `describe --format=json`, context
#   libgraphviz-dev    cgraph + gvc: svg/png/pdf rendered in-process
#   graphviz           the layout/render plugins and their config for gvc
#   pkg-config         how CMake finds jansson and graphviz
#   cmake, make, gcc   the build
#   valgrind           the tests under valgrind (run-all step c)
#   clang, libclang-rt-N-dev  libFuzzer + ASan/UBSan runtimes (step d)
#   libxml2-utils, libvirt0   xmllint and libvirt's domain schema, to
#                      validate the generated NAME_libvirt.xml
#   busybox            udhcpd, the DHCP server of tests/net/direct-dhcp.sh
#                      (0.8 MB, libc only; dnsmasq-base pulls in dbus,
#                      nftables and more)
#   python3            backends/targets.py: the build assembles
#                      mirc-targets(7) with it, the tests list the targets
#   xz-utils, debian-archive-keyring   the build fetches lwIP's source
#                      package with apt (rt/net/fetch-lwip.sh): the
#                      archive's signing keys, and xz for its tarball
#   neovim             the headless LSP client of tests/lsp (mirc lsp)
#   mandoc             `mandoc -T lint` over every man page (tests/man)
#   python3-jsonschema validates --diagnostics=sarif against SARIF's schema
#   bash-completion, zsh, fish   the shell completion tests
#   emacs-nox          editors/emacs: mir-mode.el byte-compiles, its faces
#   the cross toolchains and qemu   build and run the samples on every
#                      target: each backend.json names its own packages,
#                      so a new target's directory is all it takes
build_pkgs="cmake make gcc libc6-dev flex bison libjansson-dev libgraphviz-dev graphviz pkg-config python3 xz-utils debian-archive-keyring"
test_pkgs="valgrind clang python3 libxml2-utils libvirt0 busybox neovim mandoc python3-jsonschema bash-completion zsh fish emacs-nox"

# The targets' packages (python3 is on the base image; jq is not).
cross_pkgs() {
	local root
	root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
	command -v python3 >/dev/null 2>&1 || install python3 >&2
	python3 "$root/backends/targets.py" packages
}

missing() {
	local p out=""
	for p in "$@"; do
		dpkg -s "$p" >/dev/null 2>&1 || out="$out $p"
	done
	echo "$out"
}

as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo "$@"
	else
		echo "install-deps: need root (or sudo) to run: $*" >&2
		return 1
	fi
}

updated=no
install() {
	[ $# -eq 0 ] && return 0
	echo "install-deps: installing$(printf ' %s' "$@")"
	if [ "$updated" = no ]; then
		as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
		updated=yes
	fi
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends "$@"
}

want=""
[ $# -eq 0 ] && set -- build
for group in "$@"; do
	case "$group" in
	build) want="$want $build_pkgs" ;;
	test)
		want="$want $build_pkgs $test_pkgs" ;;
	cross)
		want="$want $(cross_pkgs)" ;;
	all)
		want="$want $build_pkgs $test_pkgs $(cross_pkgs)" ;;
	*)
		echo "install-deps: unknown group '$group' (build, test, cross, all)" >&2
		exit 2 ;;
	esac
done

# shellcheck disable=SC2086  # word splitting of the lists is wanted
todo=$(missing $want)
# shellcheck disable=SC2086
install $todo

# The compiler-rt package is versioned like clang itself (14 on Debian 12),
# so it is known only once clang is there.
case " $want " in
*" clang "*)
	v=$(clang -dumpversion | cut -d. -f1)
	todo=$(missing "libclang-rt-$v-dev")
	# shellcheck disable=SC2086
	install $todo
	;;
esac
exit 0
