// How a statement ended: normally, or by break / continue / return (which unwind to the enclosing loop or call).
export var Signal;
(function (Signal) {
    Signal[Signal["Normal"] = 0] = "Normal";
    Signal[Signal["Break"] = 1] = "Break";
    Signal[Signal["Continue"] = 2] = "Continue";
    Signal[Signal["Return"] = 3] = "Return";
})(Signal || (Signal = {}));
