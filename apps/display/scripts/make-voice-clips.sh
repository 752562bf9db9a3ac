#!/usr/bin/env bash
# Renders the offline voice clips of the hall screen (apps/display/public/voice/) once, at dev time:
# used when the browser has no local voice for the language. Needs Debian's espeak-ng and sox
# (`apt-get install espeak-ng sox libsox-fmt-all`). The output is committed; rerun only to change it.
# The chime is not a clip: the page synthesizes it with Web Audio.
set -euo pipefail
out="$(cd "$(dirname "$0")/.." && pwd)/public/voice"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

clip() { # lang voice name text
  mkdir -p "$out/$1"
  espeak-ng -v "$2" -s 150 -w "$tmp/c.wav" "$4"
  # Trim silence both ends, mono 16 kHz Vorbis at the lowest quality: about 3 kB a clip.
  sox "$tmp/c.wav" -C -1 -r 16000 -c 1 "$out/$1/$3.ogg" gain -n -1 silence 1 0.01 0.5% reverse silence 1 0.01 0.5% reverse
}

zh_digits=(零 一 二 三 四 五 六 七 八 九)
for d in 0 1 2 3 4 5 6 7 8 9; do clip zh cmn "$d" "${zh_digits[$d]}"; clip en en "$d" "$d"; done
clip zh cmn ten 十
for l in A B C D E F G H I J K L M N O P Q R S T U V W X Y Z; do clip zh cmn "$l" "$l"; clip en en "$l" "$l"; done
# Fixed words: 请 A023 号 到 5 号窗口 办理 / Number A023, please go to window 5.
clip zh cmn please 请
clip zh cmn hao 号
clip zh cmn to 到
clip zh cmn window 号窗口
clip zh cmn serve 办理
clip en en number number
clip en en go-to-window "please go to window"
du -sh "$out"
