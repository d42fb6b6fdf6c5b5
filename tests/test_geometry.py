"""Equal-area measures, buffers, RFC 7946 orientation and rounding."""

import shapely
from shapely.geometry import Point, Polygon, box

from astana.geometry import (
    area_km2,
    buffer_km,
    overlap_km2,
    simplify_for_display,
    solid_parts,
    to_rfc7946,
)


def test_area_of_one_degree_box_near_syria_is_about_10000_km2():
    # 1 degree of latitude is ~111 km; of longitude at 35N ~91 km.
    assert 10_000 < area_km2(box(36, 35, 37, 36)) < 10_300


def test_buffer_is_in_kilometres():
    circle = buffer_km(Point(36.3, 33.5), 5)
    assert abs(area_km2(circle) - 3.14159 * 25) < 0.5


def test_overlap_of_touching_boxes_is_zero():
    assert overlap_km2(box(36, 35, 36.1, 35.1), box(36.1, 35, 36.2, 35.1)) == 0.0


def test_rfc7946_orients_exteriors_counter_clockwise_and_rounds():
    clockwise = Polygon([(36.0, 35.0), (36.0, 35.1), (36.1234567, 35.1)])
    assert not clockwise.exterior.is_ccw
    result = to_rfc7946(clockwise)
    assert result.exterior.is_ccw
    assert all(round(x, 6) == x for x, _ in result.exterior.coords)


def test_simplification_keeps_a_valid_shape_with_fewer_vertices():
    wiggly = buffer_km(Point(36.3, 33.5), 10)
    simple = simplify_for_display(wiggly, 0.1)
    assert simple.is_valid
    assert shapely.get_num_coordinates(simple) < shapely.get_num_coordinates(wiggly)
    assert abs(area_km2(simple) - area_km2(wiggly)) / area_km2(wiggly) < 0.02


def test_solid_parts_drops_slivers_lines_and_points_and_keeps_ground():
    ground = box(36.0, 35.0, 36.1, 35.1)  # ~100 km2
    sliver = box(36.5, 35.0, 36.5001, 35.5)  # ~10 m wide, 55 km long
    mixed = shapely.GeometryCollection(
        [ground, sliver, shapely.LineString([(37, 35), (37.1, 35.1)]), Point(37, 36)]
    )
    kept = solid_parts(mixed, min_width_km=0.05)
    assert [part.equals(ground) for part in kept.geoms] == [True]
    assert solid_parts(sliver, min_width_km=0.05).is_empty
    assert solid_parts(sliver, min_width_km=0.005).area > 0  # wider than the threshold: kept
    assert solid_parts(Polygon(), min_width_km=0.05).is_empty
