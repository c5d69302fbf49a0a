#!/bin/sh
# Install Debian's Chromium for the browser tests when it is missing and we can
# (root with apt-get). Never fails `make test`: without Chromium the browser tests
# are skipped and say why.
command -v chromium >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium for the browser tests (apt-get)"
  (apt-get install -y -q --no-install-recommends chromium >/tmp/mutasi-apt-chromium.log 2>&1 \
    || { apt-get update -q >/dev/null 2>&1 && \
         apt-get install -y -q --no-install-recommends chromium \
           >/tmp/mutasi-apt-chromium.log 2>&1; }) \
    || echo "note: could not install chromium (see /tmp/mutasi-apt-chromium.log);" \
            "the browser tests will be skipped"
else
  echo "note: chromium is not installed and this user cannot apt-get it;" \
       "the browser tests will be skipped (install: apt-get install chromium)"
fi
exit 0
