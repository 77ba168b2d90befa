# Two entry points (see README): `make demo` and `make test`. Both install missing Debian
# packages, configure and build in build/, and are idempotent.
BUILD ?= build
JOBS ?= $(shell nproc)
ZR := $(BUILD)/zr
JX := examples/jiangxi
GEO := --geometry $(JX)/geometry/units.geojson --layers $(JX)/geometry/layers.geojson

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
	$(ZR) stats --bundle $(BUILD)/jiangxi.zrb --geometry $(JX)/geometry/units.geojson --lang zh | head -13
	@# sites.jsonl holds one swapped coordinate pair on purpose: exit status 1 is expected.
	$(ZR) screen --bundle $(BUILD)/jiangxi.zrb $(GEO) --format html --lang zh \
	  $(JX)/projects/sites/sites.jsonl > $(BUILD)/jiangxi-sites.html || [ $$? -eq 1 ]
	@echo "选址研判报告（含地图） / site screening report with maps: $(BUILD)/jiangxi-sites.html"

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

bench: build
	bench/run

format:
	clang-format -i $$(git ls-files '*.cpp' '*.h')

clean:
	rm -rf $(BUILD)
