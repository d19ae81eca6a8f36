"""Demo images drawn locally with Pillow: no downloads, and honest credits."""

import io
import math

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw
from wagtail.images import get_image_model

from home.models import Licence

DEMO_CREDIT = "Illustration generated for the demo site"


def draw_steppe(width, height, sky=(11, 79, 108), sun=(244, 211, 94), ground=(7, 53, 72)):
    """A horizon with a low sun and rolling hills: abstract, recognisably a landscape."""
    image = Image.new("RGB", (width, height), sky)
    draw = ImageDraw.Draw(image)
    for y in range(height):  # sky gradient, lighter towards the horizon
        mix = y / height
        colour = tuple(int(c + (255 - c) * 0.35 * mix) for c in sky)
        draw.line([(0, y), (width, y)], fill=colour)
    radius = height // 6
    centre = (int(width * 0.7), int(height * 0.55))
    draw.ellipse(
        [centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius], fill=sun
    )
    for layer, shade in enumerate((0.55, 0.75, 1.0)):
        base = height * (0.62 + 0.12 * layer)
        points = [(0, height)]
        for x in range(0, width + 1, max(1, width // 60)):
            y = base + math.sin(x / width * math.pi * (2 + layer) + layer) * height * 0.04
            points.append((x, y))
        points.append((width, height))
        colour = tuple(int(c * shade + 30 * (1 - shade)) for c in ground)
        draw.polygon(points, fill=colour)
    return image


def draw_bars(width, height, colour=(11, 79, 108), paper=(243, 245, 247)):
    """Vertical bars, the campaign's mark, on a light background."""
    image = Image.new("RGB", (width, height), paper)
    draw = ImageDraw.Draw(image)
    bar = width // 14
    for i in range(3):
        x = width // 2 + (i - 1) * bar * 3 - bar // 2
        draw.rectangle([x, height // 6, x + bar, height * 5 // 6], fill=colour)
    return image


DEMO_IMAGES = {
    "Steppe at dawn (demo illustration)": {
        "draw": lambda: draw_steppe(1600, 900),
        "description": "An illustrated horizon at dawn over rolling hills",
    },
    "Campaign mark (demo illustration)": {
        "draw": lambda: draw_bars(1200, 630),
        "description": "Three dark vertical bars on a light background",
    },
}


def ensure_demo_image(title):
    """Return the demo image with this title, drawing and saving it the first time."""
    image_model = get_image_model()
    existing = image_model.objects.filter(title=title).first()
    if existing:
        return existing, False
    spec = DEMO_IMAGES[title]
    buffer = io.BytesIO()
    spec["draw"]().save(buffer, format="PNG", optimize=True)
    filename = title.split(" (")[0].lower().replace(" ", "-") + ".png"
    image = image_model(
        title=title,
        description=spec["description"],
        credit=DEMO_CREDIT,
        licence=Licence.CC0,
    )
    image.file = ImageFile(buffer, name=filename)
    image.save()
    return image, True
