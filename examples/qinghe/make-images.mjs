// Draws the example's images (no picture is copied from anywhere): a logo, a QR-code-like
// pattern (decorative: it encodes nothing), and three "photos" painted as simple scenes.
// Run from the repository root: node examples/qinghe/make-images.mjs
import { writeFileSync } from 'node:fs';
import { createCanvas } from '@napi-rs/canvas';

const dir = new URL('./data/images/', import.meta.url);
const save = (name, canvas, format) =>
  writeFileSync(new URL(name, dir), canvas.encodeSync(format, format === 'jpeg' ? 80 : undefined));

// Logo: a green leaf over a blue wave, on transparent ground.
{
  const c = createCanvas(600, 300);
  const g = c.getContext('2d');
  g.fillStyle = '#1f5a6e';
  g.beginPath();
  g.moveTo(20, 220);
  for (let x = 20; x <= 580; x += 10) g.lineTo(x, 220 + 18 * Math.sin(x / 40));
  g.lineTo(580, 280);
  g.lineTo(20, 280);
  g.fill();
  g.fillStyle = '#3d9a5b';
  g.beginPath();
  g.ellipse(300, 130, 70, 120, Math.PI / 4, 0, Math.PI * 2);
  g.fill();
  g.strokeStyle = '#ffffff';
  g.lineWidth = 8;
  g.beginPath();
  g.moveTo(230, 200);
  g.lineTo(370, 60);
  g.stroke();
  save('logo.png', c, 'png');
}

// A decorative square pattern in the look of a QR code (not a code: it leads nowhere).
{
  const n = 25;
  const px = 12;
  const c = createCanvas(n * px + 48, n * px + 48);
  const g = c.getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, c.width, c.height);
  g.fillStyle = '#1f2a33';
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const finder = (x, y) => {
    g.fillRect(24 + x * px, 24 + y * px, 7 * px, 7 * px);
    g.clearRect(24 + (x + 1) * px, 24 + (y + 1) * px, 5 * px, 5 * px);
    g.fillStyle = '#fff';
    g.fillRect(24 + (x + 1) * px, 24 + (y + 1) * px, 5 * px, 5 * px);
    g.fillStyle = '#1f2a33';
    g.fillRect(24 + (x + 2) * px, 24 + (y + 2) * px, 3 * px, 3 * px);
  };
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++) {
      const inFinder = (x < 8 && y < 8) || (x >= n - 8 && y < 8) || (x < 8 && y >= n - 8);
      if (!inFinder && rand() < 0.45) g.fillRect(24 + x * px, 24 + y * px, px, px);
    }
  finder(0, 0);
  finder(n - 7, 0);
  finder(0, n - 7);
  save('qr.png', c, 'png');
}

// "Photos": painted scenes — a community garden, a reading corner, a riverside clean-up.
function scene(name, sky, ground, draw) {
  const c = createCanvas(1600, 1067);
  const g = c.getContext('2d');
  const grad = g.createLinearGradient(0, 0, 0, 700);
  grad.addColorStop(0, sky);
  grad.addColorStop(1, '#ffffff');
  g.fillStyle = grad;
  g.fillRect(0, 0, 1600, 1067);
  g.fillStyle = ground;
  g.fillRect(0, 700, 1600, 367);
  draw(g);
  save(name, c, 'jpeg');
}
const person = (g, x, y, s, colour) => {
  g.fillStyle = '#e8c4a0';
  g.beginPath();
  g.arc(x, y - 150 * s, 30 * s, 0, Math.PI * 2);
  g.fill();
  g.fillStyle = colour;
  g.beginPath();
  g.roundRect(x - 40 * s, y - 115 * s, 80 * s, 115 * s, 20 * s);
  g.fill();
};
scene('garden.jpg', '#8ec5e8', '#6b8f3a', (g) => {
  for (let i = 0; i < 9; i++) {
    g.fillStyle = i % 2 ? '#d94f4f' : '#f2c14e';
    g.beginPath();
    g.arc(150 + i * 160, 760, 35, 0, Math.PI * 2);
    g.fill();
  }
  person(g, 500, 900, 1.4, '#1f5a6e');
  person(g, 800, 920, 1.0, '#b07d2b');
  person(g, 1100, 900, 1.3, '#3d9a5b');
});
scene('reading.jpg', '#f3e3c3', '#a47551', (g) => {
  g.fillStyle = '#7a4e2d';
  g.fillRect(200, 200, 500, 480);
  const colours = ['#d94f4f', '#1f5a6e', '#f2c14e', '#3d9a5b', '#8e6bbf'];
  for (let row = 0; row < 4; row++)
    for (let i = 0; i < 10; i++) {
      g.fillStyle = colours[(row + i) % 5];
      g.fillRect(215 + i * 47, 215 + row * 118, 38, 100);
    }
  person(g, 1000, 950, 1.2, '#b07d2b');
  person(g, 1250, 970, 0.9, '#d94f4f');
});
scene('river.jpg', '#a9d3f0', '#4f7f9e', (g) => {
  g.fillStyle = '#7aa84f';
  g.fillRect(0, 620, 1600, 120);
  for (let i = 0; i < 5; i++)
    person(g, 250 + i * 270, 700, 0.9, ['#3d9a5b', '#1f5a6e', '#b07d2b'][i % 3]);
});
