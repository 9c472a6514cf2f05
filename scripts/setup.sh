#!/usr/bin/env bash
# Sets up everything cwassess needs in ./.venv: the system pieces PDF output needs, then the package.
# Usage: bash scripts/setup.sh [--test]   (--test also installs the test tools)
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=0
[ "${1:-}" = "--test" ] && want_tests=1

PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "需要 Python 3.11 或更高版本（当前：$("$PYTHON" --version 2>&1 || echo 未找到)）" >&2
  exit 1
fi

system_packages=(fontconfig fonts-noto-cjk libharfbuzz-subset0)
[ "$want_tests" = 1 ] && system_packages+=(poppler-utils)
"$PYTHON" -m venv --help >/dev/null 2>&1 && "$PYTHON" -c 'import ensurepip' 2>/dev/null || system_packages+=(python3-venv)

missing=()
for pkg in "${system_packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "安装系统组件：${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "提示：PDF 输出需要系统组件，请以管理员身份运行：" >&2
    echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    echo "（继续安装其余部分）" >&2
  fi
fi

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
extra=""
[ "$want_tests" = 1 ] && extra="[test]"
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".${extra}"
