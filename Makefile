# Two entry points (see README): `make demo` and `make test`. Both install missing Debian
# packages, configure and build in build/, and are idempotent.
BUILD ?= build
JOBS ?= $(shell nproc)
ZR := $(BUILD)/zr
JX := examples/jiangxi

.PHONY: all deps configure build demo test bench clean format

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release

configure: deps $(BUILD)/CMakeCache.txt

build: configure
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	$(ZR) compile -o $(BUILD)/jiangxi.zrb $(JX)/province/*.zr $(JX)/shangrao/*.zr $(JX)/jiujiang/*.zr $(JX)/nanchang/*.zr
	$(ZR) screen --bundle $(BUILD)/jiangxi.zrb --format text --lang zh $(JX)/projects/screening.jsonl
	$(ZR) audit --province $(JX)/province/*.zr --city $(JX)/shangrao/*.zr

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

bench: build
	bench/run

format:
	clang-format -i $$(git ls-files '*.cpp' '*.h')

clean:
	rm -rf $(BUILD)
