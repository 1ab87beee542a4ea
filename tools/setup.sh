#!/usr/bin/env bash
# Installs what Loupe needs from Debian, or says exactly how to.
#
# Loupe links the system's Lua 5.4 (never a vendored copy) and other C libraries from
# Debian's -dev packages. As root, this installs the missing ones with apt-get; otherwise it
# prints the command to run and fails.
set -euo pipefail

# Packages Loupe builds against or runs with:
#   liblua5.4-dev  the Lua 5.4 library and headers (pkg-config lua5.4)
#   pkg-config     how SwiftPM finds them
#   lua5.4         the plain interpreter, the reference that `make bench` compares with
#   libpcre2-dev   PCRE2 regular expressions with JIT (doc:find)
#   libxml2-dev    libxml2's HTML parser (the .html reader)
#   zlib1g-dev     zlib (reading .gz files)
#   libsqlite3-dev SQLite 3 (writing .sqlite outputs; pkg-config sqlite3)
#   libssl-dev     OpenSSL's libcrypto (SHA-256 sums in run manifests; pkg-config libcrypto)
#   time           /usr/bin/time, with which `make bench` reads each command's peak memory
#   libedit-dev    BSD libedit, line editing and history for `loupe repl` (pkg-config libedit)
#   libarchive-dev libarchive: plugin archives, read (.tar.gz, .zip) and packed (pkg-config libarchive)
#   git            installing plugins from git repositories (and the tests' local bare repositories)
packages=(liblua5.4-dev pkg-config lua5.4 libpcre2-dev libxml2-dev zlib1g-dev libsqlite3-dev libssl-dev time libedit-dev libarchive-dev git)
# Given packages instead (`tools/setup.sh slurm-wlm munge jq`), it sees to those: one way to
# install what a target needs.
if [ $# -gt 0 ]; then packages=("$@"); fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

command="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "loupe: missing Debian packages: ${missing[*]}" >&2
  echo "Install them, then run make again:" >&2
  echo "  sudo apt-get update && sudo $command" >&2
  exit 1
fi

echo "loupe: installing ${missing[*]} ..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
$command >/dev/null
echo "loupe: installed ${missing[*]}" >&2
