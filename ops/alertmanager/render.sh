#!/bin/sh
# Prints ops/alertmanager/alertmanager.yml with the Telegram bot token and admin chat id filled in
# from TELEGRAM_BOT_TOKEN and ADMIN_TELEGRAM_CHAT_ID. docker-compose.yml runs it when Alertmanager
# starts; .ci/run checks its output with amtool. POSIX sh: the Alertmanager image has only busybox.
#
#   ops/alertmanager/render.sh [template] > alertmanager.yml
set -eu
template=${1:-$(dirname "$0")/alertmanager.yml}
token=${TELEGRAM_BOT_TOKEN:-}
chat=${ADMIN_TELEGRAM_CHAT_ID:-}

if [ -z "$token" ] || [ -z "$chat" ]; then
  echo "alertmanager: TELEGRAM_BOT_TOKEN or ADMIN_TELEGRAM_CHAT_ID unset: alerts are kept in Alertmanager (UI on :9093) and sent nowhere" >&2
  receiver=nobody
  # Well-formed stand-ins keep the unused receiver valid.
  token=0:unset
  chat=1
else
  receiver=admin-telegram
  # Checked here because a bad value would otherwise surface only as a failed send at the first alert.
  if ! printf '%s' "$token" | grep -Eq '^[0-9]+:[A-Za-z0-9_-]+$'; then
    echo "alertmanager: TELEGRAM_BOT_TOKEN must look like 123456789:AAE... (digits, a colon, letters, digits, _ or -)" >&2
    exit 2
  fi
  if ! printf '%s' "$chat" | grep -Eq '^-?[0-9]+$'; then
    echo "alertmanager: ADMIN_TELEGRAM_CHAT_ID must be a numeric chat id such as -1001234567890 (Alertmanager does not accept @names), got '$chat'" >&2
    exit 2
  fi
fi

sed -e "s/__RECEIVER__/$receiver/" \
    -e "s/__TELEGRAM_BOT_TOKEN__/$token/" \
    -e "s/__ADMIN_TELEGRAM_CHAT_ID__/$chat/" "$template"
