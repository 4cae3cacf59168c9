namespace ResponsePortal.Allocation; public static class Placeholder { public static int Zero => 0; }
